/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

/**
 * One flag of the enum `T`, or several flags joined with `|` into one string
 * (for example `AND|OR`). Generators can map this to a flag-set type.
 */
export type PipeSeparatedFlags<T> = T | string
