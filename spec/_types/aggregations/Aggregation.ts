/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

/** Root of the aggregation request classes. */
export class Aggregation {}
