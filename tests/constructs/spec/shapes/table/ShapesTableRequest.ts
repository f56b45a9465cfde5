/*
 * A test-only specification. Licensed under the Apache License, Version 2.0.
 */

import { MediaType } from '@_types/Base'
import { CatRequestBase } from '@cat/_types/CatBase'

/**
 * Lists the shapes as a table: JSON rows by default, or text in the format asked for.
 * @rest_spec_name shapes.table
 * @availability stack since=1.0.0 stability=experimental
 */
export interface Request extends CatRequestBase {
  urls: [
    {
      path: '/_shapes/table'
      methods: ['GET']
    }
  ]
  response_media_type: MediaType.Text | MediaType.Json
}
