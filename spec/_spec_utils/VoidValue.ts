/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

/**
 * Marks the absence of a value, for example an API that answers without a body.
 * Read it as "nothing can be here", not as an empty object.
 */
export type Void = void
