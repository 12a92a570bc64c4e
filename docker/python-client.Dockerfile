# A Python trainer image: the rlgym client on Debian's python3 packages (no PyPI needed).
#   docker build -f docker/python-client.Dockerfile -t rlgym-python .
#   docker build -f docker/python-client.Dockerfile --build-arg BASE_IMAGE=rlgym-local/debian:bookworm -t rlgym-python .
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      python3 python3-grpcio python3-protobuf python3-numpy \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/rlgym
COPY clients/python/src/ src/
COPY clients/python/examples/ examples/
ENV PYTHONPATH=/opt/rlgym/src PYTHONUNBUFFERED=1
RUN groupadd --system --gid 10001 rlgym && useradd --system --uid 10001 --gid rlgym --no-create-home rlgym
USER 10001:10001
ENTRYPOINT ["python3"]
CMD ["examples/q_learning_taxi.py", "--address", "server:50051"]
