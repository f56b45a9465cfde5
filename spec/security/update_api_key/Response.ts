/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

export class Response {
  body: {
    /**
     * `true` when the key changed, `false` when the request matched its current state.
     */
    updated: boolean
  }
}
