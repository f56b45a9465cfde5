/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

// The server spells these in upper case but parses them case-insensitively;
// the lower-case forms are the canonical ones here, the upper-case ones are aliases.
/** How the terms of an analyzed query are combined. */
export enum Operator {
  /** @aliases AND */
  and,
  /** @aliases OR */
  or
}
