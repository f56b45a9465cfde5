/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

/**
 * Arbitrary JSON whose shape is chosen by the user or by the data (documents, script
 * results, free-form metadata), so the spec cannot describe it further.
 */
export class UserDefinedValue {}
