/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

/**
 * The class has its declared properties and may also carry any number of other keys,
 * each of them holding a `TValue`.
 * @behavior Every property that the class does not declare is read as a TValue.
 */
export interface AdditionalProperties<TKey, TValue> {}

/**
 * The class has its declared properties plus exactly one extra key, named at run time
 * (usually a field name), whose value is a `TValue`.
 * @behavior One undeclared property is allowed and is read as a TValue.
 */
export interface AdditionalProperty<TKey, TValue> {}

/**
 * URL parameters accepted by every endpoint.
 * @behavior Query parameters shared by all endpoints that change how the response is rendered.
 */
export interface CommonQueryParameters {
  /**
   * Add the server-side stack trace to error responses.
   * @server_default false
   */
  error_trace?: boolean
  /**
   * Keep only the parts of the response that match these dot-separated paths (wildcards allowed).
   */
  filter_path?: string | string[]
  /**
   * Add human-readable renderings of values such as durations and sizes next to the raw numbers.
   * @server_default false
   */
  human?: boolean
  /**
   * Indent the JSON response. Meant for debugging.
   * @server_default false
   */
  pretty?: boolean
}

/**
 * URL parameters of the endpoints that answer with a table.
 * @behavior Query parameters shared by the table endpoints.
 */
export interface CommonCatQueryParameters {
  /**
   * The media type of the answer by its short name (`json`, `csv`, `txt`, ...).
   */
  format?: string
  /**
   * Describe the columns instead of listing rows.
   * @server_default false
   */
  help?: boolean
  /**
   * Start a text table with a row of column names.
   * @server_default false
   */
  v?: boolean
}

/**
 * The class is the read-side variant of `TDefinition`: it declares only the properties
 * whose type or required-ness differ, and inherits all the others from `TDefinition`.
 * @behavior Marks a read-side variant that restates only the properties it changes.
 */
export interface OverloadOf<TDefinition> {}
