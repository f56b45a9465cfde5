/*
 * A test-only specification. Licensed under the Apache License, Version 2.0.
 */

import { TableRow } from './types'

export class Response {
  body: TableRow[]
}
