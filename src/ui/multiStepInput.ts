import { BACK, type Back } from './back';
import type { InputOptions, PickOptions, Prompter, StepOptions } from './prompter';

/**
 * One step of a multi-step input, as in VS Code's quick-input sample: it asks through `input`, keeps the
 * answer in `state` and returns the step that comes next, or undefined when nothing is left to do.
 * Back and Escape never come back as answers: they leave the step (see MultiStepInput.run).
 */
export type Step<S> = (input: MultiStepInput, state: S) => Promise<Step<S> | undefined>;

/** What a step asks; the title and the step count are the input's. */
export type Question<O extends StepOptions> = Omit<O, keyof StepOptions>;

/** Thrown through a step that the user leaves other than forward, like the sample's InputFlowAction. */
class Leave {
  constructor(readonly to: 'back' | 'cancel' | Step<never>) {}
}

interface Visit<S> {
  step: Step<S>;
  /** The step number its last question showed. */
  shown: number | undefined;
}

export class MultiStepInput {
  private shown: number | undefined;

  private constructor(
    private readonly prompter: Prompter,
    private readonly title: string,
    private readonly totalSteps: number,
  ) {}

  /**
   * Runs the steps from `first`. Resolves to true once a step returns undefined, false when the user
   * gives up (Escape, or a step calls `cancel`). Back returns to the previous step; at the first step it
   * asks again.
   */
  static async run<S>(prompter: Prompter, o: { title: string; totalSteps: number }, first: Step<S>, state: S): Promise<boolean> {
    const input = new MultiStepInput(prompter, o.title, o.totalSteps);
    const visited: Visit<S>[] = [];
    let step: Step<S> | undefined = first;
    while (step) {
      try {
        input.shown = undefined;
        const next: Step<S> | undefined = await step(input, state);
        // A question showing the same step number as the one before completes that step (the base URL after
        // "Other base URL…"): Back from the step after it goes to where the numbered step began.
        if (input.shown === undefined || visited.at(-1)?.shown !== input.shown) visited.push({ step, shown: input.shown });
        step = next;
      } catch (e) {
        if (!(e instanceof Leave)) throw e;
        if (e.to === 'cancel') return false;
        if (e.to === 'back') {
          step = visited.pop()?.step ?? step;
        } else {
          // Forget the steps taken since: Back from there goes where it went the first time.
          const at = visited.map((v): Step<never> => v.step).lastIndexOf(e.to);
          if (at >= 0) visited.splice(at);
          // backTo is called by the steps of this very input, so the step is one of Step<S>.
          step = e.to as Step<S>;
        }
      }
    }
    return true;
  }

  async pick<T>(step: number, question: Question<PickOptions<T>>): Promise<T> {
    return this.answered(step, await this.prompter.pick<T>({ title: this.title, step, totalSteps: this.totalSteps, ...question }));
  }

  async input(step: number, question: Question<InputOptions>): Promise<string> {
    return this.answered(step, await this.prompter.input({ title: this.title, step, totalSteps: this.totalSteps, ...question }));
  }

  /** Ends the input as Escape would: nothing that the steps gathered is used. */
  cancel(): never {
    throw new Leave('cancel');
  }

  /** Goes back to an earlier step, such as the one to fix after a failed check. */
  backTo<S>(step: Step<S>): never {
    throw new Leave(step);
  }

  private answered<T>(step: number, answer: T | Back | undefined): T {
    this.shown = step;
    if (answer === BACK) throw new Leave('back');
    if (answer === undefined) throw new Leave('cancel');
    return answer;
  }
}
