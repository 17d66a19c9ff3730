// Apart from the prompter, which needs vscode at run time, so that code reacting to Back runs under plain Node too.

/** Returned when the user presses the Back button of a multi-step input. */
export const BACK = Symbol('back');
export type Back = typeof BACK;
