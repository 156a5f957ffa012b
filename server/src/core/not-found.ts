/** The one way a board answers 404: throw this (or return null from an endpoint with `notFound`). */
export class NotFoundError extends Error {
  readonly statusCode = 404;
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
