import { Colliding } from '@_types/common'
export class Response {
  /** @codegen_name thing */
  body: Colliding
}
