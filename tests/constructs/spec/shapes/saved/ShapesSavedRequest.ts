/*
 * A test-only specification. Licensed under the Apache License, Version 2.0.
 */

import { MediaType, RequestBase } from '@_types/Base'

/**
 * Saves a named set of shapes and lists every saved set (older-branch constructs: the
 * response extends a dictionary base class, and a saved entry holds this request).
 * @rest_spec_name shapes.saved
 * @availability stack since=1.0.0 stability=experimental
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_shapes/saved'
      methods: ['PUT']
    }
  ]
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  body: {
    /** What the set is called. */
    name: string
    /** Labels to find it by. */
    labels?: string[]
  }
}
