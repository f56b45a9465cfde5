/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { MediaType } from '@_types/common'

/**
 * Identify the authenticated caller.
 *
 * Returns who the caller is once authenticated, for example with a
 * [basic auth header](https://en.wikipedia.org/wiki/Basic_access_authentication): username,
 * roles, metadata, and the realms that authenticated and looked up the user.
 * A 401 status is returned when authentication fails.
 * @rest_spec_name security.authenticate
 * @availability stack since=5.5.0 stability=stable
 * @availability serverless visibility=public stability=stable
 * @doc_id security-api-authenticate
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/_authenticate'
      methods: ['GET']
    }
  ]
  response_media_type: MediaType.Json
}
