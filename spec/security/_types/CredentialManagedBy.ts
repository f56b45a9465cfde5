/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

/** Who manages a credential. */
export enum CredentialManagedBy {
  cloud,
  elasticsearch
}
