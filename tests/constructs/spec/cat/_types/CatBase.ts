/*
 * A test-only specification. Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { CommonCatQueryParameters } from '@spec_utils/behaviors'

/** The base of requests that also take the table parameters. */
export class CatRequestBase
  extends RequestBase
  implements CommonCatQueryParameters {}
