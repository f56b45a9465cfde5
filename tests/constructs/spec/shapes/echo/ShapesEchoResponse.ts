/*
 * A test-only specification. Licensed under the Apache License, Version 2.0.
 */

import { Document } from '@shapes/_types/Shapes'

export class Response {
  /** @codegen_name document */
  body: Document
}
