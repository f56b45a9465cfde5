/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

/**
 * A value of type `T` that the server may also send as a JSON string (numbers and
 * booleans encoded as text). Generators may parse the string form leniently.
 */
export type Stringified<T> = T | string
