/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

/**
 * A JSON object used as a map: any number of keys of type `TKey`, each holding a `TValue`.
 */
export class Dictionary<TKey, TValue> {}

/**
 * A JSON object that carries exactly one key of type `TKey` whose value is a `TValue`,
 * typically a field name mapped to per-field options.
 */
export class SingleKeyDictionary<TKey, TValue> {}
