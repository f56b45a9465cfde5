/*
 * A test-only specification. Licensed under the Apache License, Version 2.0.
 */

import { MediaType, RequestBase } from '@_types/Base'
import { Document } from '@shapes/_types/Shapes'

/**
 * Sends a document of every union shape and gets it back.
 * @rest_spec_name shapes.echo
 * @availability stack since=1.0.0 stability=experimental
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_shapes/echo'
      methods: ['POST']
    }
  ]
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  /** @codegen_name document */
  body: Document
}
