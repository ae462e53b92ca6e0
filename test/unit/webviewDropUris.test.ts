// Files dropped onto the Studio (src/webview/dropUris.ts): RFC 2483 uri-lists from VS Code's Explorer, kept within
// the limits the host's protocol schema enforces, so a big drop is trimmed rather than the whole message dropped.
import { strict as assert } from 'node:assert';
import { LIMITS } from '../../src/shared/studio/protocol';
import { parseWebviewMessage } from '../../src/shared/studio/webviewMessages';
import { droppedUris, mayCarryFiles, parseUriList, URI_LIST_TYPES } from '../../src/webview/dropUris';

type DropData = Parameters<typeof droppedUris>[0];

/** The one DataTransfer member droppedUris reads; like the browser, an absent type reads as ''. */
function dataTransfer(items: Record<string, string>): DropData & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    getData: (type: string) => {
      reads.push(type);
      return items[type] ?? '';
    },
  };
}

const A = 'file:///home/me/project/images/a.png';
const B = 'file:///home/me/project/images/b%20c.jpg';
const C = 'vscode-remote://ssh-remote%2Bbox/home/me/c.webp';

describe('webview dropUris: parsing a uri-list', () => {
  it('reads one URI a line, LF or CRLF, trimmed', () => {
    assert.deepEqual(parseUriList(`${A}\n${B}`), [A, B]);
    assert.deepEqual(parseUriList(`${A}\r\n${B}\r\n`), [A, B]);
    assert.deepEqual(parseUriList(`  ${A}\t\r\n\t${B}  `), [A, B]);
    assert.deepEqual(parseUriList(A), [A]);
  });

  it('skips # comments, blank lines and duplicates, keeping the first order', () => {
    const text = ['# dragged from the Explorer', A, '', '   ', '  # indented comment', B, A, C, B].join(
      '\r\n',
    );
    assert.deepEqual(parseUriList(text), [A, B, C]);
    assert.deepEqual(parseUriList(''), []);
    assert.deepEqual(parseUriList('\r\n\n# only a comment\n'), []);
  });

  it('treats a # inside a URI as a fragment, not a comment', () => {
    assert.deepEqual(parseUriList(`${A}#frag`), [`${A}#frag`]);
  });

  it('keeps other schemes for the host to judge (it refuses what is not a file or webview resource)', () => {
    const text = ['https://example.com/x.png', 'untitled:Untitled-1', 'data:image/png;base64,AAAA', C].join(
      '\n',
    );
    assert.deepEqual(parseUriList(text), [
      'https://example.com/x.png',
      'untitled:Untitled-1',
      'data:image/png;base64,AAAA',
      C,
    ]);
  });

  it("leaves out a URI longer than the protocol's limit, and keeps one exactly at it", () => {
    const atLimit = `file:///${'a'.repeat(LIMITS.uriChars - 'file:///'.length)}`;
    const over = `${atLimit}b`;
    assert.equal(atLimit.length, LIMITS.uriChars);
    assert.deepEqual(parseUriList(`${over}\n${atLimit}\n${A}`), [atLimit, A]);
    // The limit applies to the trimmed URI: padding does not push a URI over it.
    assert.deepEqual(parseUriList(`   ${atLimit}   `), [atLimit]);
  });
});

describe('webview dropUris: reading a drop', () => {
  it("prefers VS Code's full list over text/uri-list", () => {
    const data = dataTransfer({
      'application/vnd.code.uri-list': `${A}\r\n${B}`,
      'text/uri-list': A,
    });
    assert.deepEqual(droppedUris(data), [A, B]);
    assert.deepEqual(data.reads, ['application/vnd.code.uri-list']);
  });

  it('falls back to text/uri-list when the VS Code list is missing or holds nothing usable', () => {
    assert.deepEqual(droppedUris(dataTransfer({ 'text/uri-list': `# c\r\n${B}` })), [B]);
    const onlyComments = dataTransfer({
      'application/vnd.code.uri-list': '# nothing\r\n\r\n',
      'text/uri-list': C,
    });
    assert.deepEqual(droppedUris(onlyComments), [C]);
    assert.deepEqual(onlyComments.reads, ['application/vnd.code.uri-list', 'text/uri-list']);
  });

  it('returns nothing for a drop without URIs (plain text, files from the OS)', () => {
    assert.deepEqual(droppedUris(dataTransfer({})), []);
    assert.deepEqual(droppedUris(dataTransfer({ 'text/plain': A })), []);
  });

  it("keeps at most the protocol's number of URIs, the first ones, deduplicated before counting", () => {
    const many = Array.from({ length: LIMITS.droppedUris + 8 }, (_, i) => `file:///img/${i}.png`);
    const got = droppedUris(dataTransfer({ 'application/vnd.code.uri-list': many.join('\r\n') }));
    assert.deepEqual(got, many.slice(0, LIMITS.droppedUris));
    const doubled = many.slice(0, LIMITS.droppedUris).flatMap((u) => [u, u]);
    assert.deepEqual(
      droppedUris(dataTransfer({ 'text/uri-list': doubled.join('\n') })),
      many.slice(0, LIMITS.droppedUris),
    );
  });

  it('always builds a dropReferences message the host accepts', () => {
    const atLimit = `file:///${'z'.repeat(LIMITS.uriChars - 'file:///'.length)}`;
    const text = [
      '# from VS Code',
      `${atLimit}x`,
      atLimit,
      ...Array.from({ length: LIMITS.droppedUris * 2 }, (_, i) => `file:///img/${i}.png`),
    ].join('\r\n');
    const uris = droppedUris(dataTransfer({ 'application/vnd.code.uri-list': text }));
    assert.equal(uris.length, LIMITS.droppedUris);
    const parsed = parseWebviewMessage({ type: 'dropReferences', uris });
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    // Without the trimming the host would drop the whole message.
    const untrimmed = parseWebviewMessage({
      type: 'dropReferences',
      uris: text.split('\r\n'),
    });
    assert.equal(untrimmed.ok, false);
  });
});

describe('webview dropUris: dragover', () => {
  it('recognises drags that may carry files by their types alone', () => {
    assert.deepEqual([...URI_LIST_TYPES], ['application/vnd.code.uri-list', 'text/uri-list']);
    assert.equal(mayCarryFiles(['application/vnd.code.uri-list']), true);
    assert.equal(mayCarryFiles(['text/plain', 'text/uri-list']), true);
    assert.equal(mayCarryFiles(['Files']), true);
    assert.equal(mayCarryFiles(['text/plain']), false);
    assert.equal(mayCarryFiles(['text/html', 'files']), false);
    assert.equal(mayCarryFiles([]), false);
  });
});
