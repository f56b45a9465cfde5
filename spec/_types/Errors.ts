/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { AdditionalProperties } from '@spec_utils/behaviors'
import { UserDefinedValue } from '@spec_utils/UserDefinedValue'

/**
 * Describes why something failed. Only the common keys are declared; each error type
 * may add its own keys, which are kept as extra properties.
 *
 * @behavior_meta AdditionalProperties fieldname=metadata description="Error-specific details"
 */
export class ErrorCause
  implements AdditionalProperties<string, UserDefinedValue>
{
  /**
   * Kind of error, for example `illegal_argument_exception`.
   */
  type: string
  /**
   * Explanation of the failure, in English.
   */
  reason?: string | null
  /**
   * Java stack trace, only sent when the request asked for `error_trace=true`.
   */
  stack_trace?: string
  /** The error that led to this one, if any. */
  caused_by?: ErrorCause
  /** The innermost causes. */
  root_cause?: ErrorCause[]
  /** Further errors that were raised while handling this one. */
  suppressed?: ErrorCause[]
}
