import { RequestBase } from '@_types/Base'
import { MediaType, Name } from '@_types/common'
/**
 * Get a thing.
 * @rest_spec_name demo.get
 * @availability stack since=8.0.0 stability=stable
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_demo/{name}'
      methods: ['GET']
    }
  ]
  path_parts: {
    name: Name
  }
  response_media_type: MediaType.Json
}
