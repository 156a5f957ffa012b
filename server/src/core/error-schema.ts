import { Type, type Static } from 'typebox';

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String({ description: 'What went wrong; names the parameter for a 400' }),
  },
  { $id: 'ErrorResponse' },
);
/** The body of every error answer (4xx and 5xx): the web reads `message`. */
export type ApiErrorBody = Static<typeof ErrorResponse>;

/** Responses every Elasticsearch-backed route can give, for the OpenAPI document. */
export const esErrorResponses = {
  400: ErrorResponse,
  429: ErrorResponse,
  502: ErrorResponse,
  503: ErrorResponse,
  504: ErrorResponse,
};
