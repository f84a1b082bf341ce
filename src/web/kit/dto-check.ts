// Forms are checked with the same DTO classes and the same pipe as the JSON API, so a page accepts exactly
// what the API accepts and names the bad fields the same way.
import { AppValidationPipe } from '../../common/http/validation.pipe.js';

const pipe = new AppValidationPipe();

/** The validated DTO, or throws ValidationFailedError naming each bad field (as the API would answer 400). */
export async function checkedDto<T extends object>(dto: new () => T, value: object): Promise<T> {
  return (await pipe.transform(value, { type: 'body', metatype: dto })) as T;
}
