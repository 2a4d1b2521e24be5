import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.1 document the tests read. */
export interface OpenApiDocument {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; parameters?: Record<string, Parameter>; headers?: Record<string, unknown> };
}
export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, MediaType> }>;
  'x-codeSamples'?: { lang: string; label: string; source: string }[];
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
}
export interface MediaType {
  schema: JsonSchema;
  example?: unknown;
}
export type JsonSchema = Record<string, unknown>;

/** An operation's parameters, `$ref`s to the document's components followed. */
export function parametersOf(document: OpenApiDocument, operation: Operation): Parameter[] {
  return (operation.parameters ?? []).map((parameter) =>
    '$ref' in parameter ? document.components.parameters![parameter.$ref.split('/').pop()!]! : parameter,
  );
}

/**
 * Validates values against the schemas of an OpenAPI 3.1 document (JSON Schema 2020-12) with
 * ajv, `$ref`s into `#/components` included.
 */
export function openApiValidator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'openapi', components: document.components });
  const compiled = new Map<string, ValidateFunction>();
  const compile = (schema: JsonSchema) => {
    const source = JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/');
    let validate = compiled.get(source);
    if (!validate) compiled.set(source, (validate = ajv.compile(JSON.parse(source) as JsonSchema)));
    return validate;
  };
  return {
    /** The problems of `value` against `schema`, or an empty list. */
    problems(schema: JsonSchema, value: unknown): string[] {
      const validate = compile(schema);
      if (validate(value)) return [];
      return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
    },
    /** Follows a `$ref` into the components. */
    resolve(schema: JsonSchema): JsonSchema {
      const reference = schema.$ref as string | undefined;
      return reference ? document.components.schemas[reference.split('/').pop()!]! : schema;
    },
  };
}
