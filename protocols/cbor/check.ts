/**
 * A structural pass over a CBOR body before `@smithy/core/cbor` decodes it. That decoder is
 * written for trusted responses: it recurses per nesting level (no depth limit), reads any map
 * key as if it were a text string, ignores bytes after the first item and, for a huge declared
 * length, only warns. This pass walks the bytes iteratively, allocates nothing and refuses all
 * of that, so the decoder only ever sees a single well-formed item of bounded depth.
 */
import { MAX_JSON_DEPTH, serializationError } from '../json/parse.js';

/** The JSON parser's bound, for the same reason: no operation's input comes near it. */
export const MAX_CBOR_DEPTH = MAX_JSON_DEPTH;

// unverified text: AWS's words for a malformed CBOR body are not recorded.
const malformed = (why: string) => serializationError(`Malformed CBOR body: ${why}.`);

const MAX_TAG_CHAIN = 8;

/** One open container: items still expected (-1: indefinite, until a break), and what it is. */
interface Frame {
  left: number;
  /** 'map': items alternate key, value; 'chunks': an indefinite string's definite chunks of `major`. */
  kind: 'list' | 'map' | 'chunks';
  major: number;
  /** Map: the next item is a key. */
  key: boolean;
}

export function checkCbor(bytes: Uint8Array): void {
  const n = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Frame[] = [];
  let at = 0;
  let done = false; // the top-level item is complete
  let tags = 0; // tags directly in a row
  while (!done) {
    if (at >= n) throw malformed('unexpected end of input');
    const top = stack[stack.length - 1];
    const initial = bytes[at]!;
    if (initial === 0xff) {
      if (!top || top.left !== -1 || (top.kind === 'map' && !top.key)) throw malformed(`unexpected break at byte ${at}`);
      at++;
      stack.pop();
      done = finishItem(stack);
      continue;
    }
    const major = initial >> 5;
    const minor = initial & 0x1f;
    if (major !== 6) tags = 0;
    if (top?.kind === 'chunks' && (major !== top.major || minor === 31)) throw malformed(`bad chunk in an indefinite string at byte ${at}`);
    if (top?.kind === 'map' && top.key && major !== 3) throw malformed(`map key that is not a text string at byte ${at}`);
    if (top?.kind === 'map' && major !== 6) top.key = !top.key; // a tag's content is the item
    at++;
    let arg = 0;
    if (minor < 24) arg = minor;
    else if (minor === 24) arg = need(1) && bytes[at++]!;
    else if (minor === 25) {
      need(2);
      arg = view.getUint16(at);
      at += 2;
    } else if (minor === 26) {
      need(4);
      arg = view.getUint32(at);
      at += 4;
    } else if (minor === 27) {
      need(8);
      arg = view.getUint32(at) * 2 ** 32 + view.getUint32(at + 4); // lengths this large fail below
      at += 8;
    } else if (minor !== 31 || major === 0 || major === 1 || major === 6) throw malformed(`reserved additional information ${minor} at byte ${at - 1}`);

    const indefinite = minor === 31;
    switch (major) {
      case 2:
      case 3:
        if (indefinite) {
          stack.push({ left: -1, kind: 'chunks', major, key: false });
          continue;
        }
        need(arg);
        at += arg;
        break;
      case 4:
      case 5:
        if (stack.length >= MAX_CBOR_DEPTH) {
          // unverified text, as the JSON parser's
          throw serializationError(`Document nesting depth (${stack.length + 1}) exceeds the maximum allowed (${MAX_CBOR_DEPTH}).`);
        }
        if (!indefinite && arg > n - at) throw malformed(`container of ${arg} items longer than the body`);
        if (!indefinite && arg === 0) break;
        stack.push({ left: indefinite ? -1 : major === 5 ? arg * 2 : arg, kind: major === 5 ? 'map' : 'list', major, key: major === 5 });
        continue;
      case 6:
        // A tag: its content is the next item, counted in its place. The decoder recurses per
        // tag, so a chain of them is bounded too (AWS sends one: tag 1 on a timestamp).
        if (++tags > MAX_TAG_CHAIN) throw malformed(`more than ${MAX_TAG_CHAIN} nested tags at byte ${at - 1}`);
        continue;
      case 7:
        if (minor === 31) throw malformed(`unexpected break at byte ${at - 1}`);
        break;
      default:
        break; // integers
    }
    done = finishItem(stack);
  }
  if (at !== n) throw malformed(`${n - at} bytes after the end of the body`);

  function need(k: number): true {
    if (k > n - at) throw malformed('unexpected end of input');
    return true;
  }
}

/** One item is complete: count it in its container, closing every container it fills. */
function finishItem(stack: Frame[]): boolean {
  for (;;) {
    const top = stack[stack.length - 1];
    if (!top) return true;
    if (top.left === -1) return false;
    if (--top.left > 0) return false;
    stack.pop();
  }
}
