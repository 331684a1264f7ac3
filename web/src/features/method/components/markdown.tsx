import { Fragment, type ReactNode } from 'react';

/**
 * A small Markdown reader for the method document: headings (with ids to link to), paragraphs,
 * lists, block quotes, tables, emphasis, code and links. It builds React elements, never HTML
 * strings, so nothing in the document can run as script.
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] };

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((cell) => cell.trim());
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]!.trim() });
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && i + 1 < lines.length && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1]!)) {
      const header = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(cells(lines[i++]!));
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items: string[] = [];
      while (i < lines.length && (/^\s*[-*]\s+/.test(lines[i]!) || (/^\s{2,}\S/.test(lines[i]!) && items.length))) {
        const item = lines[i]!;
        if (/^\s*[-*]\s+/.test(item)) items.push(item.replace(/^\s*[-*]\s+/, ''));
        else items[items.length - 1] += ` ${item.trim()}`;
        i++;
      }
      blocks.push({ kind: 'list', items });
      continue;
    }
    if (line.startsWith('>')) {
      const parts: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('>')) parts.push(lines[i++]!.replace(/^>\s?/, ''));
      blocks.push({ kind: 'quote', text: parts.join(' ') });
      continue;
    }
    const parts: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|>|\s*[-*]\s|\s*\|)/.test(lines[i]!)) parts.push(lines[i++]!.trim());
    blocks.push({ kind: 'paragraph', text: parts.join(' ') });
  }
  return blocks;
}

/** Inline Markdown: **bold**, *italic*, `code`, [text](url). */
export function renderInline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|`[^`]+`|\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  let key = 0;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    if (match.index > last) out.push(text.slice(last, match.index));
    if (token.startsWith('**')) out.push(<strong key={key++}>{renderInline(token.slice(2, -2))}</strong>);
    else if (token.startsWith('`')) out.push(<code key={key++}>{token.slice(1, -1)}</code>);
    else if (token.startsWith('[')) {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token)!;
      const href = link[2]!;
      const safe = /^(https?:|\/|#)/.test(href) ? href : `#${slugify(href)}`;
      out.push(
        <a key={key++} href={safe}>
          {renderInline(link[1]!)}
        </a>,
      );
    } else out.push(<em key={key++}>{renderInline(token.slice(1, -1))}</em>);
    last = match.index + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Renders the blocks; the first level-1 heading is left to the page, which shows it as its title. */
export function MarkdownBlocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((block, index) => {
        switch (block.kind) {
          case 'heading': {
            const level = Math.min(6, Math.max(2, block.level)) as 2 | 3 | 4 | 5 | 6;
            const Tag = `h${level}` as const;
            return (
              <Tag key={index} id={slugify(block.text)} tabIndex={-1}>
                {renderInline(block.text)}
              </Tag>
            );
          }
          case 'paragraph':
            return <p key={index}>{renderInline(block.text)}</p>;
          case 'quote':
            return (
              <blockquote key={index}>
                <p>{renderInline(block.text)}</p>
              </blockquote>
            );
          case 'list':
            return (
              <ul key={index}>
                {block.items.map((item, i) => (
                  <li key={i}>{renderInline(item)}</li>
                ))}
              </ul>
            );
          case 'table':
            return (
              <div className="table-wrap" key={index}>
                <table className="data-table">
                  <thead>
                    <tr>
                      {block.header.map((cell, i) => (
                        <th scope="col" key={i}>
                          {cell ? renderInline(cell) : <Fragment />}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, c) => (
                          <td key={c}>{renderInline(cell)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
        }
      })}
    </>
  );
}
