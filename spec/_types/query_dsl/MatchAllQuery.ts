/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { QueryBase } from './abstractions'

/**
 * Matches every document.
 * @ext_doc_id query-dsl-match-all-query
 */
export class MatchAllQuery extends QueryBase {}
