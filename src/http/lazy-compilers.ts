// Fastify's own schema compilers (@fastify/ajv-compiler, @fastify/fast-json-stringify-compiler),
// deferred to each route's first use. Compiling ~60 routes' validators and response serializers at
// start-up cost ~0.3 s of the ~1 s budget to first answer; a route now pays its few milliseconds once,
// on its first request. Validation and serialization behave exactly as with Fastify's defaults
// (same compilers, same AJV options); a broken schema is still caught, by the test that calls the route.
import ValidatorSelector from "@fastify/ajv-compiler";
import SerializerSelector from "@fastify/fast-json-stringify-compiler";
import type { FastifyServerOptions } from "fastify";

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]
>;

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
type Serialize = (data: unknown) => string;
type RouteSchema = { schema: unknown; method: string; url: string; httpPart?: string; httpStatus?: string };

const buildDefaultValidator = ValidatorSelector() as unknown as (
  externalSchemas: unknown,
  ajvOptions: unknown,
) => (route: RouteSchema) => Validate;
const buildDefaultSerializer = SerializerSelector() as unknown as (
  externalSchemas: unknown,
  serializerOptions: unknown,
) => (route: RouteSchema) => Serialize;

function lazyValidator(compile: () => Validate): Validate {
  let fn: Validate | undefined;
  const validate: Validate = (data) => {
    fn ??= compile();
    const ok = fn(data);
    // Fastify reads the errors of the last call from the function it was given.
    validate.errors = fn.errors;
    return ok;
  };
  return validate;
}

export const lazyCompilersFactory = {
  buildValidator: (externalSchemas: unknown, ajvOptions: unknown) => {
    const compile = buildDefaultValidator(externalSchemas, ajvOptions);
    return (route: RouteSchema) => lazyValidator(() => compile(route));
  },
  buildSerializer: (externalSchemas: unknown, serializerOptions: unknown) => {
    const compile = buildDefaultSerializer(externalSchemas, serializerOptions);
    return (route: RouteSchema): Serialize => {
      let fn: Serialize | undefined;
      return (data) => {
        fn ??= compile(route);
        return fn(data);
      };
    };
  },
} as unknown as CompilersFactory; // the selectors' typings describe only their own option shapes
