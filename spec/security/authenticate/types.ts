/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Name } from '@_types/common'
import { CredentialManagedBy } from '@security/_types/CredentialManagedBy'

/** The token, if any, the caller authenticated with. */
export class Token {
  name?: Name
  /**
   * @availability stack since=7.14.0
   * @availability serverless
   */
  type?: string
  /**
   * @availability stack since=9.4.0
   * @availability serverless
   */
  managed_by?: CredentialManagedBy
}
