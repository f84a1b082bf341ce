// The JSON-schema builders of the API document, as one namespace for the view schemas and the routes that
// describe their answers: `import * as s from '…/common/http/schemas.js'`, then `s.object({ id: s.uuid })`.
export {
  anyJson,
  arrayOf,
  bool,
  date,
  dateOrNull,
  instant,
  instantOrNull,
  int,
  intOrNull,
  num,
  object,
  openObject,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
  yuan,
} from './api-docs.js';
