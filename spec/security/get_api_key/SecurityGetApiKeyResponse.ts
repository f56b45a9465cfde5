/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { ApiKey } from '@security/_types/ApiKey'

export class Response {
  body: { api_keys: ApiKey[] }
}
