using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace RlGym.Server.Errors;

/// <summary>
/// Binds the methods of every generated gRPC service (rlgym.v1.Environments, health, reflection) as grpc-dotnet's own
/// binder does, except that a request that does not parse (random bytes, a message nested past protobuf's recursion
/// limit) is answered INVALID_ARGUMENT. grpc-dotnet parses a unary request before any handler or interceptor runs and
/// answers a parse failure UNKNOWN ("Exception was thrown by handler."); an RpcException thrown by the deserializer
/// keeps its status, on unary calls and streams alike.
/// </summary>
internal sealed class ParseErrorsServiceMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    /// <inheritdoc />
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var attribute = typeof(TService).GetCustomAttributes<BindServiceMethodAttribute>(inherit: true).FirstOrDefault();
        var bind = attribute?.BindType
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == attribute.BindMethodName
                && m.GetParameters() is [var binder, var service]
                && binder.ParameterType == typeof(ServiceBinderBase)
                && service.ParameterType.IsAssignableFrom(typeof(TService)));
        if (bind is null)
        {
            // Not a generated service; grpc-dotnet's binder would find nothing either.
            return;
        }

        bind.Invoke(null, [new Binder(context, bind.GetParameters()[1].ParameterType), null]);
    }

    /// <summary>A request marshaller whose parse failures are INVALID_ARGUMENT naming the message type.</summary>
    private static Method<TRequest, TResponse> WithParseErrors<TRequest, TResponse>(Method<TRequest, TResponse> method)
    {
        var inner = method.RequestMarshaller;
        var requestName = typeof(TRequest).Name;
        var marshaller = Marshallers.Create(
            inner.ContextualSerializer,
            context =>
            {
                try
                {
                    return inner.ContextualDeserializer(context);
                }
                catch (Exception e) when (e is not RpcException)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument,
                        ErrorMapping.Bounded($"The request is not a valid {requestName} message: {e.Message}")));
                }
            });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type declaringType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(WithParseErrors(method), Metadata(method.Name),
                Invoker<Grpc.AspNetCore.Server.Model.UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(WithParseErrors(method), Metadata(method.Name),
                Invoker<Grpc.AspNetCore.Server.Model.ClientStreamingServerMethod<TService, TRequest, TResponse>>(
                    method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(WithParseErrors(method), Metadata(method.Name),
                Invoker<Grpc.AspNetCore.Server.Model.ServerStreamingServerMethod<TService, TRequest, TResponse>>(
                    method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(WithParseErrors(method), Metadata(method.Name),
                Invoker<Grpc.AspNetCore.Server.Model.DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
                    method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

        /// <summary>An open-instance delegate to the service base's virtual method (so the service's override runs).</summary>
        private TDelegate Invoker<TDelegate>(string name, params Type[] parameters)
            where TDelegate : Delegate
        {
            var method = declaringType.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
                ?? throw new InvalidOperationException($"{declaringType.Name} has no method {name}.");
            return method.CreateDelegate<TDelegate>();
        }

        /// <summary>As grpc-dotnet: the service type's attributes, then the method's (higher priority), then POST only.</summary>
        private static List<object> Metadata(string name)
        {
            var metadata = new List<object>(typeof(TService).GetCustomAttributes(inherit: true));
            var handler = typeof(TService).GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m => m.Name == name);
            if (handler is not null)
            {
                metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            }

            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return metadata;
        }
    }
}
