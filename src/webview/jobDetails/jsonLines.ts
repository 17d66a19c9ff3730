/**
 * A pretty-printed job document as lines, for drawing only the lines on screen. JSON.stringify escapes line
 * breaks inside strings, so a line never splits a token and each line can be coloured on its own.
 */
export interface JsonLines {
  lines: string[];
  /** The longest line: it sets the block's width, so long lines scroll sideways from the start. */
  longest: string;
}

export function jsonLines(json: string): JsonLines {
  const lines = json.split('\n');
  let longest = '';
  for (const line of lines) if (line.length > longest.length) longest = line;
  return { lines, longest };
}
