import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  altTextFromPrompt,
  formatImageLink,
  linkStyleFor,
  relativeImagePath,
} from '../../src/extension/linkText';

describe('link text for inserted images', () => {
  it('chooses the style by language when the setting is auto', () => {
    assert.equal(linkStyleFor('markdown', 'auto'), 'markdown');
    assert.equal(linkStyleFor('mdx', 'auto'), 'markdown');
    assert.equal(linkStyleFor('html', 'auto'), 'html');
    assert.equal(linkStyleFor('vue', 'auto'), 'html');
    assert.equal(linkStyleFor('typescriptreact', 'auto'), 'jsx');
    assert.equal(linkStyleFor('python', 'auto'), 'path');
    assert.equal(linkStyleFor('plaintext', 'auto'), 'path');
  });

  it('follows an explicit setting, keeping JSX syntax valid, and inserts nothing for "never"', () => {
    assert.equal(linkStyleFor('python', 'markdown'), 'markdown');
    assert.equal(linkStyleFor('javascriptreact', 'html'), 'jsx');
    assert.equal(linkStyleFor('markdown', 'path'), 'path');
    assert.equal(linkStyleFor('markdown', 'never'), undefined);
  });

  it('makes paths relative to the document, with forward slashes', () => {
    const root = path.resolve('/ws');
    assert.equal(
      relativeImagePath(path.join(root, 'notes.md'), path.join(root, 'images', 'a.png')),
      'images/a.png',
    );
    assert.equal(
      relativeImagePath(path.join(root, 'docs', 'guide', 'x.md'), path.join(root, 'images', 'a.png')),
      '../../images/a.png',
    );
  });

  it('formats Markdown, HTML, JSX and plain links', () => {
    assert.equal(formatImageLink('markdown', 'images/fox.png', 'a red fox'), '![a red fox](images/fox.png)');
    assert.equal(
      formatImageLink('html', 'images/fox.png', 'a red fox'),
      '<img src="images/fox.png" alt="a red fox">',
    );
    assert.equal(
      formatImageLink('jsx', 'images/fox.png', 'a red fox'),
      '<img src="images/fox.png" alt="a red fox" />',
    );
    assert.equal(formatImageLink('path', 'images/fox.png', 'a red fox'), 'images/fox.png');
  });

  it('keeps links intact when the path or the alt text has special characters', () => {
    assert.equal(formatImageLink('markdown', 'my images/a (1).png', 'x'), '![x](<my images/a (1).png>)');
    assert.equal(formatImageLink('markdown', 'a.png', 'see [1] \\ here'), '![see \\[1\\] \\\\ here](a.png)');
    assert.equal(
      formatImageLink('html', 'a".png', 'say "hi" <b>'),
      '<img src="a&quot;.png" alt="say &quot;hi&quot; &lt;b&gt;">',
    );
  });

  it('makes one-line alt text from a long multi-line prompt', () => {
    assert.equal(altTextFromPrompt('a fox\n\n  in snow '), 'a fox in snow');
    const alt = altTextFromPrompt('word '.repeat(100), 40);
    assert.equal(alt.length, 40);
    assert.ok(alt.endsWith('…'));
  });
});
