// Encodes and decodes rlgym.v1 messages with protobufjs, from the descriptor generated out of protos/.
import protobuf from "protobufjs";
import { descriptor } from "./generated/descriptor.js";

const root = protobuf.Root.fromJSON(descriptor as unknown as protobuf.INamespace);

/** Options that make decoded messages match the generated `__Output` interfaces. */
const toObjectOptions: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: Uint8Array as unknown as typeof Array,
  defaults: true,
  oneofs: true,
};

/** Serialises a plain object as the named message type, e.g. "rlgym.v1.StepRequest". */
export function encodeMessage(typeName: string, value: object): Uint8Array {
  const type = root.lookupType(typeName);
  return type.encode(type.fromObject(value)).finish();
}

/** Parses bytes of the named message type into a plain object. */
export function decodeMessage<T>(typeName: string, bytes: Uint8Array): T {
  const type = root.lookupType(typeName);
  return type.toObject(type.decode(bytes), toObjectOptions) as T;
}
