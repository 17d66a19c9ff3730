import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { BACK, type Back } from '../../../src/ui/back';
import { MultiStepInput, type Step } from '../../../src/ui/multiStepInput';
import type { InputOptions, PickOptions, Prompter } from '../../../src/ui/prompter';

/** Answers in order, as a person would; records each question as "step:prompt". */
function scripted(answers: (string | Back | undefined)[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = (o: PickOptions<unknown> | InputOptions, text: string) => {
    asked.push(`${o.step}:${text}`);
    assert.equal(o.title, 'Title');
    assert.equal(o.totalSteps, 3);
    return answers.shift();
  };
  return {
    asked,
    pick: async <T>(o: PickOptions<T>) => next(o as PickOptions<unknown>, o.placeholder) as T | Back | undefined,
    input: async (o: InputOptions) => next(o, o.prompt),
    pickMany: async () => undefined,
    warn: async () => undefined,
    chooseFolder: async () => undefined,
    saveFile: async () => undefined,
    query: async () => undefined,
  };
}

interface State {
  answers: string[];
  /** What the last step does once its question is answered. */
  finish?: (input: MultiStepInput) => void;
}

const ask =
  (step: number, prompt: string, next: () => Step<State> | undefined): Step<State> =>
  async (input, state) => {
    state.answers.push(await input.input(step, { prompt }));
    return next();
  };

// a (1) → b (2) → b2 (2, a follow-up of b) → c (3) → done (3)
const done: Step<State> = async (input, state) => {
  state.answers.push(await input.input(3, { prompt: 'done' }));
  state.finish?.(input);
  return undefined;
};
const c = ask(3, 'c', () => done);
const b2 = ask(2, 'b2', () => c);
const b = ask(2, 'b', () => b2);
const a = ask(1, 'a', () => b);

async function run(answers: (string | Back | undefined)[], finish?: State['finish']) {
  const prompter = scripted(answers);
  const state: State = { answers: [], finish };
  const completed = await MultiStepInput.run(prompter, { title: 'Title', totalSteps: 3 }, a, state);
  return { completed, asked: prompter.asked.join(' '), answers: state.answers.join(' '), left: answers.length };
}

describe('multi-step input', () => {
  it('goes through the steps in order and completes', async () => {
    const r = await run(['1', '2', '2b', '3', 'ok']);
    assert.deepEqual(r, { completed: true, asked: '1:a 2:b 2:b2 3:c 3:done', answers: '1 2 2b 3 ok', left: 0 });
  });

  it('goes back one question on Back, and asks the first one again at the start', async () => {
    const r = await run([BACK, '1', BACK, '1', '2', BACK, '2', '2b', '3', 'ok']);
    assert.equal(r.asked, '1:a 1:a 2:b 1:a 2:b 2:b2 2:b 2:b2 3:c 3:done');
    assert.equal(r.completed, true);
  });

  it('goes back past a follow-up with the same step number, to where that step began', async () => {
    const r = await run(['1', '2', '2b', BACK, '2', '2b', '3', 'ok']);
    assert.equal(r.asked, '1:a 2:b 2:b2 3:c 2:b 2:b2 3:c 3:done');
  });

  it('resolves false on Escape, asking nothing more', async () => {
    const r = await run(['1', undefined, 'unused']);
    assert.deepEqual(r, { completed: false, asked: '1:a 2:b', answers: '1', left: 1 });
  });

  it('goes back to a chosen step, and Back from there goes where it went the first time', async () => {
    let first = true;
    const r = await run(['1', '2', '2b', '3', 'fail', BACK, '2', '2b', '3', 'ok'], (input) => {
      if (!first) return;
      first = false;
      input.backTo(c);
    });
    assert.equal(r.asked, '1:a 2:b 2:b2 3:c 3:done 3:c 2:b 2:b2 3:c 3:done');
    assert.equal(r.completed, true);
  });

  it('resolves false when a step cancels', async () => {
    const r = await run(['1', '2', '2b', '3', 'ok'], (input) => input.cancel());
    assert.equal(r.completed, false);
  });

  it('lets other errors through', async () => {
    await assert.rejects(
      run(['1', '2', '2b', '3', 'ok'], () => {
        throw new Error('boom');
      }),
      /boom/,
    );
  });
});
