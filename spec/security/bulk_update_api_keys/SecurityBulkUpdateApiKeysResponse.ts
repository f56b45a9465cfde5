/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { BulkError } from '@security/_types/Bulk'

export class Response {
  body: {
    /** Keys that could not be updated, with the reason. */
    errors?: BulkError
    /** Keys that needed no change. */
    noops: string[]
    /** Keys that were changed. */
    updated: string[]
  }
}
