/**
 * The sentences the code gives as data (src/text/Phrase): every say`…` template and words('…') text,
 * as the English key a translation is found by. Shared by the locale test and the German e2e test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The English templates of the sentences one file gives as data: say`…` and words('…'). */
export function sentencesOf(file: string, code: string): string[] {
  const source = ts.createSourceFile(
    file,
    code,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(n) && n.tag.getText(source) === 'say') {
      const tpl = n.template;
      out.push(
        ts.isNoSubstitutionTemplateLiteral(tpl)
          ? tpl.text
          : tpl.head.text + tpl.templateSpans.map((x, i) => `{${i}}${x.literal.text}`).join(''),
      );
    }
    if (
      ts.isCallExpression(n) &&
      n.expression.getText(source) === 'words' &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0]) &&
      n.arguments[0].text !== ''
    )
      out.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

/** Every sentence given as data (src/ and the browser contexts in extension/), once each. */
export function coreSentences(dirs = ['src', 'extension']): string[] {
  const all = new Set<string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(p)) for (const x of sentencesOf(p, readFileSync(p, 'utf8'))) all.add(x);
    }
  };
  for (const d of dirs) walk(d);
  return [...all].sort();
}
