/**
 * Structural, type, query-language and graph checks of a parsed definition. Everything found is
 * written into a Report; callers turn it into diagnostics or an InvalidDefinition error.
 */
import type { QueryLanguage, StateType } from '../asl.js';
import type { MachineType } from '../execution/types.js';
import {
  BRANCH_FIELDS,
  CATCHER_FIELDS,
  CHOICE_OPERATORS,
  COMMON_FIELDS,
  PROCESSOR_FIELDS,
  RETRIER_FIELDS,
  STATE_FIELDS,
  STATE_TYPES,
  TERMINAL_TYPES,
  TOP_FIELDS,
} from './fields.js';
import { msg } from './messages.js';
import { DUPLICATE_NAME, loc, MISSING_TARGET, Report, UNREACHABLE } from './report.js';
import { parseResource } from './resource.js';
import {
  isJsonataTemplate,
  isRfc3339,
  isValidJsonPath,
  isValidPayloadExpression,
  jsonataSyntaxError,
} from './syntax.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const has = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const QUERY_LANGUAGES: QueryLanguage[] = ['JSONPath', 'JSONata'];
const MAX_SECONDS = 99999999;

/** A Label problem: AWS reports it in a non-standard form (see index.ts). */
export interface LabelProblem {
  text: string;
}

export interface ValidateContext {
  type: MachineType;
  report: Report;
  topQL: QueryLanguage;
  /** State name → location, across every scope (names are unique machine-wide). */
  names: Map<string, string>;
  labelProblems: LabelProblem[];
  /** TestState single-state mode: no graph checks, no Next/End requirement. */
  single: boolean;
}

interface Transition {
  field: string;
  target: string;
  location: string;
}

export function newContext(type: MachineType, single = false): ValidateContext {
  return { type, report: new Report(), topQL: 'JSONPath', names: new Map(), labelProblems: [], single };
}

/** Validates the whole machine object (already known to be a JSON object). */
export function validateMachine(def: Obj, ctx: ValidateContext): void {
  if (def.QueryLanguage === 'JSONata') ctx.topQL = 'JSONata';
  validateScope(def, '/', ctx, TOP_FIELDS);
}

function unknownFields(o: Obj, allowed: string[], at: string, ctx: ValidateContext): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) ctx.report.schema(msg.notSupported(k), at);
}

function validateScope(def: Obj, base: string, ctx: ValidateContext, allowed: string[]): void {
  const r = ctx.report;
  const missing = ['States', 'StartAt'].filter((f) => !has(def, f));
  if (missing.length) {
    r.schema(msg.required(missing), base);
    return;
  }
  unknownFields(def, allowed, base, ctx);
  if (has(def, 'Comment') && typeof def.Comment !== 'string') r.schema(msg.type('Comment', 'a STRING'), loc(base, 'Comment'));
  if (has(def, 'Version') && typeof def.Version !== 'string') r.schema(msg.type('Version', 'a STRING'), loc(base, 'Version'));
  if (has(def, 'TimeoutSeconds') && allowed.includes('TimeoutSeconds')) {
    const v = def.TimeoutSeconds;
    if (!isInt(v) || v < 1 || v > MAX_SECONDS) r.schema(msg.range('TimeoutSeconds', 1, MAX_SECONDS), loc(base, 'TimeoutSeconds'));
  }
  if (has(def, 'QueryLanguage') && allowed.includes('QueryLanguage') && !QUERY_LANGUAGES.includes(def.QueryLanguage as QueryLanguage)) {
    r.schema(msg.enumValue('QueryLanguage', QUERY_LANGUAGES), loc(base, 'QueryLanguage'));
  }
  if (typeof def.StartAt !== 'string') {
    r.schema(msg.type('StartAt', 'a STRING'), loc(base, 'StartAt'));
    return;
  }
  if (!isObj(def.States)) {
    r.schema(msg.type('States', 'an OBJECT'), loc(base, 'States'));
    return;
  }
  const states = def.States;
  if (Object.keys(states).length === 0) {
    r.schema(msg.empty(), loc(base, 'States'));
    return;
  }
  const transitions = new Map<string, Transition[]>();
  for (const [name, state] of Object.entries(states)) {
    transitions.set(name, validateState(name, state, loc(base, 'States', name), ctx));
  }
  if (ctx.single) return;
  // Graph: targets exist within this scope; every state is reachable from StartAt.
  let targetsOk = true;
  if (!has(states, def.StartAt)) {
    r.error(MISSING_TARGET, msg.missingTarget('StartAt', def.StartAt), loc(base, 'StartAt')); // unverified text
    targetsOk = false;
  }
  for (const list of transitions.values()) {
    for (const t of list) {
      if (!has(states, t.target)) {
        r.error(MISSING_TARGET, msg.missingTarget(t.field, t.target), t.location);
        targetsOk = false;
      }
    }
  }
  if (!targetsOk) return;
  const seen = new Set<string>([def.StartAt]);
  const queue = [def.StartAt];
  while (queue.length) {
    const s = queue.shift()!;
    for (const t of transitions.get(s) ?? []) {
      if (!seen.has(t.target)) {
        seen.add(t.target);
        queue.push(t.target);
      }
    }
  }
  for (const name of Object.keys(states)) {
    if (!seen.has(name)) r.error(UNREACHABLE, msg.unreachable(name), loc(base, 'States', name));
  }
}

function validateState(name: string, state: unknown, at: string, ctx: ValidateContext): Transition[] {
  const r = ctx.report;
  const out: Transition[] = [];
  if (name.length < 1 || name.length > 80) r.schema(msg.stateNameLength(), at);
  if (ctx.names.has(name)) r.error(DUPLICATE_NAME, msg.duplicateName(name), at);
  else ctx.names.set(name, at);
  if (!isObj(state)) {
    r.schema(msg.type(name, 'an OBJECT'), at); // unverified text
    return out;
  }
  if (!has(state, 'Type')) {
    r.schema(msg.required(['Type']), at);
    return out;
  }
  const type = state.Type as StateType;
  if (!STATE_TYPES.includes(type)) {
    r.schema(msg.enumValue('Type', STATE_TYPES), loc(at, 'Type'));
    return out;
  }
  // Query language: a state may upgrade to JSONata, never downgrade a JSONata machine.
  let ql: QueryLanguage = ctx.topQL;
  if (has(state, 'QueryLanguage')) {
    if (!QUERY_LANGUAGES.includes(state.QueryLanguage as QueryLanguage)) {
      r.schema(msg.enumValue('QueryLanguage', QUERY_LANGUAGES), loc(at, 'QueryLanguage'));
      return out;
    }
    if (ctx.topQL === 'JSONata' && state.QueryLanguage === 'JSONPath') {
      r.schema(msg.queryLanguageDowngrade(), at);
      return out;
    }
    ql = state.QueryLanguage as QueryLanguage;
  }
  if (has(state, 'Comment') && typeof state.Comment !== 'string') r.schema(msg.type('Comment', 'a STRING'), loc(at, 'Comment'));
  unknownFields(state, [...COMMON_FIELDS, ...STATE_FIELDS[type][ql]], at, ctx);

  // Next / End
  if (!TERMINAL_TYPES.has(type)) {
    const hasNext = has(state, 'Next');
    const hasEnd = has(state, 'End');
    if (hasNext && hasEnd) {
      r.schema(msg.nextOrEnd(), at);
      if (typeof state.Next === 'string') out.push({ field: 'Next', target: state.Next, location: loc(at, 'Next') });
    } else if (!hasNext && !hasEnd) {
      if (!ctx.single) r.schema(msg.nextOrEnd(), at);
    } else if (hasEnd && state.End !== true) r.schema(msg.type('End', 'true'), loc(at, 'End')); // unverified text
    else if (hasNext) {
      if (typeof state.Next !== 'string') r.schema(msg.type('Next', 'a STRING'), loc(at, 'Next'));
      else out.push({ field: 'Next', target: state.Next, location: loc(at, 'Next') });
    }
  }

  // Common I/O
  if (ql === 'JSONPath') {
    for (const f of ['InputPath', 'OutputPath']) {
      if (has(state, f) && state[f] !== null && !(typeof state[f] === 'string' && isValidJsonPath(state[f] as string))) {
        r.schema(msg.jsonPath(f), loc(at, f));
      }
    }
    if (has(state, 'ResultPath')) checkResultPath(state.ResultPath, loc(at, 'ResultPath'), ctx);
    for (const f of ['Parameters', 'ItemSelector']) if (has(state, f)) checkPayload(state[f], loc(at, f), ctx);
    if (has(state, 'ResultSelector')) {
      if (!isObj(state.ResultSelector)) r.schema(msg.type('ResultSelector', 'an OBJECT'), loc(at, 'ResultSelector'));
      else checkPayload(state.ResultSelector, loc(at, 'ResultSelector'), ctx);
    }
  } else {
    for (const f of ['Arguments', 'Output', 'Items', 'ItemSelector']) if (has(state, f)) checkJsonataDeep(state[f], f, loc(at, f), ctx);
  }
  if (has(state, 'Assign')) {
    if (!isObj(state.Assign)) r.schema(msg.type('Assign', 'an OBJECT'), loc(at, 'Assign'));
    else if (ql === 'JSONPath') checkPayload(state.Assign, loc(at, 'Assign'), ctx);
    else checkJsonataDeep(state.Assign, 'Assign', loc(at, 'Assign'), ctx);
  }
  if (has(state, 'Retry')) checkRetry(state.Retry, loc(at, 'Retry'), ctx);
  if (has(state, 'Catch')) out.push(...checkCatch(state.Catch, loc(at, 'Catch'), ql, ctx));

  switch (type) {
    case 'Task':
      checkTask(state, at, ql, ctx);
      break;
    case 'Wait':
      checkWait(state, at, ql, ctx);
      break;
    case 'Fail':
      checkFail(state, at, ql, ctx);
      break;
    case 'Choice':
      out.push(...checkChoice(state, at, ql, ctx));
      break;
    case 'Parallel':
      checkParallel(state, at, ctx);
      break;
    case 'Map':
      checkMap(name, state, at, ql, ctx);
      break;
    default:
      break;
  }
  return out;
}

function checkResultPath(v: unknown, at: string, ctx: ValidateContext): void {
  if (v === null) return;
  if (typeof v !== 'string' || v.startsWith('$$') || !isValidJsonPath(v, { reference: true })) {
    ctx.report.schema(msg.referencePath(at.split('/').pop()!), at);
  }
}

/** JSONPath payload template: every `key.$` must hold a JSONPath or an intrinsic call. */
function checkPayload(v: unknown, at: string, ctx: ValidateContext): void {
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (isObj(x)) {
      for (const [k, val] of Object.entries(x)) {
        if (k.endsWith('.$')) {
          if (!isValidPayloadExpression(val)) ctx.report.schema(msg.payloadPath(k), at);
        } else walk(val);
      }
    }
  };
  walk(v);
}

/** JSONata: every `{% %}` string anywhere in the value must compile. */
function checkJsonataDeep(v: unknown, field: string, at: string, ctx: ValidateContext): void {
  const walk = (x: unknown): void => {
    if (isJsonataTemplate(x)) {
      const err = jsonataSyntaxError(x);
      if (err) ctx.report.schema(msg.jsonata(field, err), at);
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (isObj(x)) Object.values(x).forEach(walk);
  };
  walk(v);
}

function checkErrorEquals(o: Obj, at: string, isLast: boolean, ctx: ValidateContext): void {
  const r = ctx.report;
  const ee = o.ErrorEquals;
  if (!Array.isArray(ee) || ee.some((e) => typeof e !== 'string')) {
    r.schema(msg.type('ErrorEquals', 'an ARRAY of STRING'), loc(at, 'ErrorEquals'));
    return;
  }
  if (ee.length === 0) {
    r.schema(msg.empty(), loc(at, 'ErrorEquals'));
    return;
  }
  if (ee.includes('States.ALL') && (ee.length > 1 || !isLast)) r.schema(msg.statesAll(), loc(at, 'ErrorEquals'));
}

function checkRetry(v: unknown, at: string, ctx: ValidateContext): void {
  const r = ctx.report;
  if (!Array.isArray(v)) {
    r.schema(msg.type('Retry', 'an ARRAY'), at);
    return;
  }
  v.forEach((ret, i) => {
    const rl = loc(at, i);
    if (!isObj(ret)) {
      r.schema(msg.type('Retry', 'an ARRAY of OBJECT'), rl);
      return;
    }
    if (!has(ret, 'ErrorEquals')) {
      r.schema(msg.required(['ErrorEquals']), rl);
      return;
    }
    unknownFields(ret, RETRIER_FIELDS, rl, ctx);
    checkErrorEquals(ret, rl, i === v.length - 1, ctx);
    const intField = (f: string, min: number, max: number): void => {
      if (has(ret, f) && (!isInt(ret[f]) || (ret[f] as number) < min || (ret[f] as number) > max)) r.schema(msg.range(f, min, max), loc(rl, f));
    };
    intField('IntervalSeconds', 1, MAX_SECONDS);
    intField('MaxAttempts', 0, MAX_SECONDS);
    intField('MaxDelaySeconds', 1, 31622400);
    if (has(ret, 'BackoffRate') && (typeof ret.BackoffRate !== 'number' || ret.BackoffRate < 1)) r.schema(msg.range('BackoffRate', 1), loc(rl, 'BackoffRate'));
    if (has(ret, 'JitterStrategy') && ret.JitterStrategy !== 'FULL' && ret.JitterStrategy !== 'NONE') {
      r.schema(msg.enumValue('JitterStrategy', ['FULL', 'NONE']), loc(rl, 'JitterStrategy'));
    }
    if (has(ret, 'Comment') && typeof ret.Comment !== 'string') r.schema(msg.type('Comment', 'a STRING'), loc(rl, 'Comment'));
  });
}

function checkCatch(v: unknown, at: string, ql: QueryLanguage, ctx: ValidateContext): Transition[] {
  const r = ctx.report;
  const out: Transition[] = [];
  if (!Array.isArray(v)) {
    r.schema(msg.type('Catch', 'an ARRAY'), at);
    return out;
  }
  v.forEach((c, i) => {
    const cl = loc(at, i);
    if (!isObj(c)) {
      r.schema(msg.type('Catch', 'an ARRAY of OBJECT'), cl);
      return;
    }
    const missing = ['ErrorEquals', 'Next'].filter((f) => !has(c, f));
    if (missing.length) {
      r.schema(msg.required(missing), cl);
      return;
    }
    unknownFields(c, CATCHER_FIELDS[ql], cl, ctx);
    checkErrorEquals(c, cl, i === v.length - 1, ctx);
    if (typeof c.Next !== 'string') r.schema(msg.type('Next', 'a STRING'), loc(cl, 'Next'));
    else out.push({ field: 'Next', target: c.Next, location: loc(cl, 'Next') });
    if (ql === 'JSONPath' && has(c, 'ResultPath')) checkResultPath(c.ResultPath, loc(cl, 'ResultPath'), ctx);
    if (ql === 'JSONata' && has(c, 'Output')) checkJsonataDeep(c.Output, 'Output', loc(cl, 'Output'), ctx);
    if (has(c, 'Assign')) {
      if (!isObj(c.Assign)) r.schema(msg.type('Assign', 'an OBJECT'), loc(cl, 'Assign'));
      else if (ql === 'JSONPath') checkPayload(c.Assign, loc(cl, 'Assign'), ctx);
      else checkJsonataDeep(c.Assign, 'Assign', loc(cl, 'Assign'), ctx);
    }
  });
  return out;
}

/** A number-or-expression field: an integer in range (JSONPath), or also `{% %}` (JSONata). */
function checkSeconds(state: Obj, f: string, at: string, ql: QueryLanguage, min: number, max: number, ctx: ValidateContext): void {
  if (!has(state, f)) return;
  const v = state[f];
  if (ql === 'JSONata' && isJsonataTemplate(v)) {
    checkJsonataDeep(v, f, loc(at, f), ctx);
    return;
  }
  if (!isInt(v) || v < min || v > max) ctx.report.schema(msg.range(f, min, max), loc(at, f));
}

function checkPathField(state: Obj, f: string, at: string, ctx: ValidateContext): void {
  if (has(state, f) && !(typeof state[f] === 'string' && isValidJsonPath(state[f] as string))) ctx.report.schema(msg.jsonPath(f), loc(at, f));
}

function exclusive(state: Obj, fields: string[], at: string, ctx: ValidateContext): void {
  if (fields.filter((f) => has(state, f)).length > 1) ctx.report.schema(msg.atMostOne(fields), at);
}

function checkTask(state: Obj, at: string, ql: QueryLanguage, ctx: ValidateContext): void {
  const r = ctx.report;
  if (!has(state, 'Resource')) {
    r.schema(msg.required(['Resource']), at);
  } else if (typeof state.Resource !== 'string') {
    r.schema(msg.type('Resource', 'a STRING'), loc(at, 'Resource'));
  } else {
    const res = parseResource(state.Resource);
    const rl = loc(at, 'Resource');
    if (!res) r.schema(msg.resource(state.Resource), rl);
    else if (ctx.type === 'EXPRESS') {
      if (res.kind === 'activity') r.schema(msg.expressActivity(), rl);
      else if (res.pattern === 'waitForTaskToken') r.schema(msg.expressWaitForTaskToken(), rl);
      else if (res.pattern === 'sync' || res.pattern === 'sync:2') r.schema(msg.expressSync(), rl);
    }
  }
  exclusive(state, ['TimeoutSeconds', 'TimeoutSecondsPath'], at, ctx);
  exclusive(state, ['HeartbeatSeconds', 'HeartbeatSecondsPath'], at, ctx);
  checkSeconds(state, 'TimeoutSeconds', at, ql, 1, MAX_SECONDS, ctx);
  checkSeconds(state, 'HeartbeatSeconds', at, ql, 1, MAX_SECONDS, ctx);
  if (ql === 'JSONPath') for (const f of ['TimeoutSecondsPath', 'HeartbeatSecondsPath']) checkPathField(state, f, at, ctx);
  if (isInt(state.HeartbeatSeconds)) {
    const timeout = isInt(state.TimeoutSeconds) ? state.TimeoutSeconds : has(state, 'TimeoutSeconds') || has(state, 'TimeoutSecondsPath') ? undefined : MAX_SECONDS;
    if (timeout !== undefined && state.HeartbeatSeconds >= timeout) r.schema(msg.heartbeat(), loc(at, 'HeartbeatSeconds'));
  }
  if (has(state, 'Credentials')) {
    const cl = loc(at, 'Credentials');
    const c = state.Credentials;
    if (!isObj(c)) r.schema(msg.type('Credentials', 'an OBJECT'), cl);
    else if (!has(c, 'RoleArn') && !(ql === 'JSONPath' && has(c, 'RoleArn.$'))) r.schema(msg.fieldRequired('RoleArn'), cl);
    else {
      unknownFields(c, ql === 'JSONPath' ? ['RoleArn', 'RoleArn.$'] : ['RoleArn'], cl, ctx);
      if (ql === 'JSONPath') checkPayload(c, cl, ctx);
      else checkJsonataDeep(c, 'Credentials', cl, ctx);
    }
  }
}

function checkWait(state: Obj, at: string, ql: QueryLanguage, ctx: ValidateContext): void {
  const r = ctx.report;
  const fields = ql === 'JSONPath' ? ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'] : ['Seconds', 'Timestamp'];
  if (fields.filter((f) => has(state, f)).length !== 1) {
    r.schema(msg.exactlyOne(fields), at);
    return;
  }
  checkSeconds(state, 'Seconds', at, ql, 0, MAX_SECONDS, ctx);
  if (has(state, 'Timestamp')) {
    const v = state.Timestamp;
    if (ql === 'JSONata' && isJsonataTemplate(v)) checkJsonataDeep(v, 'Timestamp', loc(at, 'Timestamp'), ctx);
    else if (typeof v !== 'string' || !isRfc3339(v)) r.schema(msg.rfc3339(), loc(at, 'Timestamp'));
  }
  if (ql === 'JSONPath') for (const f of ['SecondsPath', 'TimestampPath']) checkPathField(state, f, at, ctx);
}

function checkFail(state: Obj, at: string, ql: QueryLanguage, ctx: ValidateContext): void {
  const r = ctx.report;
  exclusive(state, ['Error', 'ErrorPath'], at, ctx);
  exclusive(state, ['Cause', 'CausePath'], at, ctx);
  for (const f of ['Error', 'Cause']) {
    if (!has(state, f)) continue;
    if (typeof state[f] !== 'string') r.schema(msg.type(f, 'a STRING'), loc(at, f));
    else if (ql === 'JSONata') checkJsonataDeep(state[f], f, loc(at, f), ctx);
  }
  if (ql === 'JSONPath') {
    for (const f of ['ErrorPath', 'CausePath']) {
      if (has(state, f) && !isValidPayloadExpression(state[f])) r.schema(msg.payloadPath(f), loc(at, f));
    }
  }
}

function checkParallel(state: Obj, at: string, ctx: ValidateContext): void {
  const r = ctx.report;
  if (!has(state, 'Branches')) {
    r.schema(msg.required(['Branches']), at);
    return;
  }
  const bl = loc(at, 'Branches');
  if (!Array.isArray(state.Branches)) {
    r.schema(msg.type('Branches', 'an ARRAY'), bl);
    return;
  }
  if (state.Branches.length === 0) {
    r.schema(msg.empty(), bl);
    return;
  }
  state.Branches.forEach((b, i) => {
    if (!isObj(b)) r.schema(msg.type('Branches', 'an ARRAY of OBJECT'), loc(bl, i));
    else validateScope(b, loc(bl, i), { ...ctx, single: false }, BRANCH_FIELDS);
  });
}

const LABEL_BAD = /[\s?*<>{}[\]:;,\\|^~$#%&`"\u0000-\u001f\u007f-\u009f]/u;

function checkMap(name: string, state: Obj, at: string, ql: QueryLanguage, ctx: ValidateContext): void {
  const r = ctx.report;
  const procField = has(state, 'ItemProcessor') ? 'ItemProcessor' : has(state, 'Iterator') ? 'Iterator' : undefined;
  if (has(state, 'ItemProcessor') && has(state, 'Iterator')) r.schema(msg.atMostOne(['ItemProcessor', 'Iterator']), at);
  let distributed = false;
  if (!procField) r.schema(msg.required(['ItemProcessor']), at); // unverified text
  else {
    const pl = loc(at, procField);
    const proc = state[procField];
    if (!isObj(proc)) r.schema(msg.type(procField, 'an OBJECT'), pl);
    else {
      if (has(proc, 'ProcessorConfig')) {
        const cl = loc(pl, 'ProcessorConfig');
        const pc = proc.ProcessorConfig;
        if (!isObj(pc)) r.schema(msg.type('ProcessorConfig', 'an OBJECT'), cl);
        else {
          unknownFields(pc, ['Mode', 'ExecutionType'], cl, ctx);
          if (has(pc, 'Mode') && pc.Mode !== 'INLINE' && pc.Mode !== 'DISTRIBUTED') r.schema(msg.enumValue('Mode', ['INLINE', 'DISTRIBUTED']), loc(cl, 'Mode'));
          if (has(pc, 'ExecutionType') && pc.ExecutionType !== 'STANDARD' && pc.ExecutionType !== 'EXPRESS') {
            r.schema(msg.enumValue('ExecutionType', ['STANDARD', 'EXPRESS']), loc(cl, 'ExecutionType'));
          }
          distributed = pc.Mode === 'DISTRIBUTED';
          if (distributed && !has(pc, 'ExecutionType')) r.schema(msg.required(['ExecutionType']), cl); // unverified text
        }
      }
      validateScope(proc, pl, { ...ctx, single: false }, PROCESSOR_FIELDS);
    }
  }
  if (!distributed) {
    for (const f of ['ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'Label']) {
      if (has(state, f)) r.schema(msg.distributedOnly(f), loc(at, f));
    }
  }
  exclusive(state, ['ItemSelector', 'Parameters'], at, ctx);
  exclusive(state, ['MaxConcurrency', 'MaxConcurrencyPath'], at, ctx);
  exclusive(state, ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'], at, ctx);
  exclusive(state, ['ToleratedFailureCount', 'ToleratedFailureCountPath'], at, ctx);
  checkSeconds(state, 'MaxConcurrency', at, ql, 0, MAX_SECONDS, ctx);
  checkSeconds(state, 'ToleratedFailureCount', at, ql, 0, MAX_SECONDS, ctx);
  if (has(state, 'ToleratedFailurePercentage')) {
    const v = state.ToleratedFailurePercentage;
    if (ql === 'JSONata' && isJsonataTemplate(v)) checkJsonataDeep(v, 'ToleratedFailurePercentage', loc(at, 'ToleratedFailurePercentage'), ctx);
    else if (typeof v !== 'number' || v < 0 || v > 100) r.schema(msg.range('ToleratedFailurePercentage', 0, 100), loc(at, 'ToleratedFailurePercentage'));
  }
  if (ql === 'JSONPath') {
    for (const f of ['ItemsPath', 'MaxConcurrencyPath', 'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath']) checkPathField(state, f, at, ctx);
  }
  for (const f of ['ItemReader', 'ItemBatcher', 'ResultWriter']) {
    if (!has(state, f)) continue;
    const v = state[f];
    const fl = loc(at, f);
    if (!isObj(v)) r.schema(msg.type(f, 'an OBJECT'), fl);
    else if (ql === 'JSONPath') checkPayload(v, fl, ctx);
    else checkJsonataDeep(v, f, fl, ctx);
    if (isObj(v) && f !== 'ItemBatcher' && typeof v.Resource !== 'string') r.schema(msg.required(['Resource']), fl); // unverified text
  }
  if (has(state, 'Label') && distributed) {
    const label = state.Label;
    let problem: string | undefined;
    if (typeof label !== 'string') problem = undefined;
    else if (label.length === 0) problem = msg.labelEmpty();
    else if (label.length > 40) problem = msg.labelTooLong();
    else {
      const bad = LABEL_BAD.exec(label);
      if (bad) problem = msg.labelChar(bad[0]);
    }
    if (typeof label !== 'string') r.schema(msg.type('Label', 'a STRING'), loc(at, 'Label'));
    else if (problem) {
      r.schema(problem, loc(at, 'Label'));
      ctx.labelProblems.push({ text: problem });
    }
  }
  void name;
}

function checkChoice(state: Obj, at: string, ql: QueryLanguage, ctx: ValidateContext): Transition[] {
  const r = ctx.report;
  const out: Transition[] = [];
  if (!has(state, 'Choices')) {
    r.schema(msg.required(['Choices']), at);
    return out;
  }
  const cl = loc(at, 'Choices');
  if (!Array.isArray(state.Choices)) {
    r.schema(msg.type('Choices', 'an ARRAY'), cl);
    return out;
  }
  if (state.Choices.length === 0) {
    r.schema(msg.empty(), cl);
    return out;
  }
  state.Choices.forEach((rule, i) => {
    const rl = loc(cl, i);
    if (!isObj(rule)) {
      r.schema(msg.type('Choices', 'an ARRAY of OBJECT'), rl);
      return;
    }
    if (!has(rule, 'Next')) {
      r.schema(msg.required(['Next']), rl);
    } else if (typeof rule.Next !== 'string') r.schema(msg.type('Next', 'a STRING'), loc(rl, 'Next'));
    else out.push({ field: 'Next', target: rule.Next, location: loc(rl, 'Next') });
    if (has(rule, 'Assign')) {
      if (!isObj(rule.Assign)) r.schema(msg.type('Assign', 'an OBJECT'), loc(rl, 'Assign'));
      else if (ql === 'JSONPath') checkPayload(rule.Assign, loc(rl, 'Assign'), ctx);
      else checkJsonataDeep(rule.Assign, 'Assign', loc(rl, 'Assign'), ctx);
    }
    if (ql === 'JSONata') {
      unknownFields(rule, ['Condition', 'Next', 'Output', 'Assign', 'Comment'], rl, ctx);
      if (!has(rule, 'Condition')) r.schema(msg.required(['Condition']), rl);
      else if (typeof rule.Condition !== 'boolean' && !isJsonataTemplate(rule.Condition)) {
        r.schema(msg.type('Condition', "a BOOLEAN or a JSONata expression enclosed in '{%' and '%}'"), loc(rl, 'Condition'));
      } else checkJsonataDeep(rule.Condition, 'Condition', loc(rl, 'Condition'), ctx);
      if (has(rule, 'Output')) checkJsonataDeep(rule.Output, 'Output', loc(rl, 'Output'), ctx);
    } else {
      checkRule(rule, rl, true, ctx);
    }
  });
  if (has(state, 'Default')) {
    if (typeof state.Default !== 'string') r.schema(msg.type('Default', 'a STRING'), loc(at, 'Default'));
    else out.push({ field: 'Default', target: state.Default, location: loc(at, 'Default') });
  }
  return out;
}

/** JSONPath Choice rule: Variable + exactly one operator, or exactly one of And/Or/Not. */
function checkRule(rule: Obj, at: string, top: boolean, ctx: ValidateContext): void {
  const r = ctx.report;
  if (!top && has(rule, 'Next')) r.schema(msg.choiceNoNext(), at);
  const ops = Object.keys(rule).filter((k) => has(CHOICE_OPERATORS, k));
  const bools = ['And', 'Or', 'Not'].filter((k) => has(rule, k));
  const extra = top ? ['Next', 'Comment', 'Assign'] : ['Comment', 'Next'];
  for (const k of Object.keys(rule)) {
    if (!has(CHOICE_OPERATORS, k) && !['And', 'Or', 'Not', 'Variable', ...extra].includes(k)) r.schema(msg.notSupported(k), at);
  }
  if (ops.length + bools.length !== 1) {
    r.schema(msg.choiceRule(), at);
    return;
  }
  if (bools.length === 1) {
    const b = bools[0]!;
    if (has(rule, 'Variable')) r.schema(msg.notSupported('Variable'), at);
    const v = rule[b];
    if (b === 'Not') {
      if (!isObj(v)) r.schema(msg.type('Not', 'an OBJECT'), loc(at, 'Not'));
      else checkRule(v, loc(at, 'Not'), false, ctx);
    } else if (!Array.isArray(v)) r.schema(msg.type(b, 'an ARRAY'), loc(at, b));
    else if (v.length === 0) r.schema(msg.empty(), loc(at, b));
    else {
      v.forEach((sub, i) => {
        if (!isObj(sub)) r.schema(msg.type(b, 'an ARRAY of OBJECT'), loc(at, b, i));
        else checkRule(sub, loc(at, b, i), false, ctx);
      });
    }
    return;
  }
  const op = ops[0]!;
  if (!has(rule, 'Variable')) {
    r.schema(msg.choiceVariable(), at);
    return;
  }
  if (typeof rule.Variable !== 'string' || !isValidJsonPath(rule.Variable)) r.schema(msg.jsonPath('Variable'), loc(at, 'Variable'));
  const kind = CHOICE_OPERATORS[op]!;
  const v = rule[op];
  const ok =
    kind === 'string'
      ? typeof v === 'string'
      : kind === 'number'
        ? typeof v === 'number'
        : kind === 'boolean'
          ? typeof v === 'boolean'
          : kind === 'timestamp'
            ? typeof v === 'string' && isRfc3339(v)
            : typeof v === 'string' && isValidJsonPath(v);
  if (!ok) {
    const what = { string: 'a STRING', number: 'a NUMBER', boolean: 'a BOOLEAN', timestamp: 'an RFC3339 timestamp', path: 'a valid JSONPath' }[kind];
    if (kind === 'timestamp' && typeof v === 'string') r.schema(msg.rfc3339(), loc(at, op));
    else r.schema(msg.type(op, what), loc(at, op));
  }
}
