/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { CommonQueryParameters } from '@spec_utils/behaviors'
import { ErrorCause } from './Errors'
import { integer } from './Numeric'

/**
 * Base of every request; brings in the URL parameters that all endpoints accept.
 */
export class RequestBase implements CommonQueryParameters {}

/**
 * Body of a response that only confirms the operation.
 */
export class AcknowledgedResponseBase {
  /** Always `true` in a successful response; failures come back as errors instead. */
  acknowledged: boolean
}

/**
 * Body sent by the server when a request fails.
 */
export class ErrorResponseBase {
  // Outside of client use (for example an unknown URL), `error` can be a bare string
  // holding only the reason. Clients never send such requests, so it is modelled as an object.
  error: ErrorCause
  status: integer
}
