import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from 'vite'
import { chromium, type Browser, type Page } from '@playwright/test'
import { fileURLToPath } from 'node:url'

// Sanitizing is only as good as the DOM it parses with, so this runs the real module in real
// Chromium (the renderer's engine) rather than a Node DOM stand-in: happy-dom, tried first, let
// `<img onerror>` through DOMPurify, which would have made these tests pass for the wrong reason.

interface Rendered {
  html: string
  text: string
  tags: string[]
  attributes: { tag: string; name: string; value: string }[]
}

let browser: Browser
let page: Page

beforeAll(async () => {
  const entry = fileURLToPath(new URL('../../../renderer/src/markdown.ts', import.meta.url))
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'SightlineMarkdown' } },
  })
  const outputs = Array.isArray(result) ? result : [result]
  const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk')
  if (!chunk || chunk.type !== 'chunk') throw new Error('markdown bundle was not built')
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  page = await browser.newPage()
  await page.setContent('<!doctype html><html><body></body></html>')
  await page.addScriptTag({ content: chunk.code })
  await page.addScriptTag({ content: INSPECTOR })
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

/** Runs in the page: renders, then reads back what the browser itself parsed out of the HTML. */
const INSPECTOR = `
window.renderAndInspect = (source) => {
  const html = window.SightlineMarkdown.renderMarkdown(source)
  const template = document.createElement('template')
  template.innerHTML = html
  const elements = [...template.content.querySelectorAll('*')]
  return {
    html,
    text: template.content.textContent || '',
    tags: elements.map((e) => e.tagName.toLowerCase()),
    attributes: elements.flatMap((e) => [...e.attributes].map((a) => ({ tag: e.tagName.toLowerCase(), name: a.name, value: a.value }))),
  }
}`

function render(markdown: string): Promise<Rendered> {
  return page.evaluate(
    (source) => (globalThis as unknown as { renderAndInspect(s: string): Rendered }).renderAndInspect(source),
    markdown,
  )
}

describe('model text as markdown', () => {
  it('renders formatting, lists, tables and code', async () => {
    const out = await render('**Bold** and *soft*\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nconst x = 1\n```')
    expect(out.tags).toEqual(expect.arrayContaining(['strong', 'em', 'ul', 'li', 'table', 'td', 'pre', 'code']))
    expect(out.text).toContain('const x = 1')
  })

  it('shows raw HTML from the model as text, never as markup', async () => {
    const out = await render('<img src=x onerror=alert(1)> and <script>alert(2)</script> <iframe src="https://e.com"></iframe>')
    expect(out.tags).not.toContain('img')
    expect(out.tags).not.toContain('script')
    expect(out.tags).not.toContain('iframe')
    expect(out.text).toContain('<script>alert(2)</script>')
  })

  it('keeps https links and drops javascript:, data:, file: and relative ones', async () => {
    const out = await render('[a](javascript:alert(1)) [b](data:text/html,hi) [c](file:///etc/passwd) [d](/settings) [e](https://example.com/x)')
    const hrefs = out.attributes.filter((a) => a.name === 'href').map((a) => a.value)
    expect(hrefs).toEqual(['https://example.com/x'])
    expect(out.attributes).toContainEqual({ tag: 'a', name: 'rel', value: 'noopener noreferrer' })
  })

  it('does not fetch images the model links to', async () => {
    const out = await render('![a chart](https://tracker.example/pixel.png)')
    expect(out.tags).not.toContain('img')
    expect(out.text).toContain('a chart (https://tracker.example/pixel.png)')
  })

  it('leaves no event handler, style or id on any element', async () => {
    const out = await render('[x](https://e.com "t\\" onmouseover=\\"alert(1)") <b style="color:red" onclick="x()">hi</b>\n\n- [x] done')
    const names = out.attributes.map((a) => a.name)
    expect(names.filter((n) => n.startsWith('on') || n === 'style' || n === 'id')).toEqual([])
    expect(out.tags).not.toContain('b')
  })

  it('parser exhaustion: a 5,000-deep blockquote is shown as escaped text, not as a blank answer', async () => {
    const source = '>'.repeat(5000)
    const out = await render(source)
    expect(out.text).toBe(source)
    expect(out.tags).toEqual(['p'])
  })

  it('a runaway answer longer than the markdown cap is shown as escaped text without parsing', async () => {
    const source = '- '.repeat(150_000) + '<b>x</b>'
    const out = await render(source)
    expect(out.tags).toEqual(['p'])
    expect(out.text).toBe(source)
  })

  it('a link whose words name another site shows its real destination', async () => {
    const out = await render('[https://accounts.google.com/](https://evil.example/login) and [www.bank.example](https://evil.example) and [docs](https://docs.example/a) and [https://example.com/a](https://example.com/b)')
    expect(out.text).toContain('https://accounts.google.com/ [goes to evil.example]')
    expect(out.text).toContain('www.bank.example [goes to evil.example]')
    // Plain words, and an address on the same host, are left as they are.
    expect(out.text).toContain('docs and https://example.com/a')
    expect(out.text.match(/goes to/g)).toHaveLength(2)
    expect(out.attributes).toContainEqual({ tag: 'a', name: 'title', value: 'https://evil.example/login' })
  })

  it('splits an answer into blocks that can be rendered one at a time, never inside a code fence or a list item', async () => {
    const source = 'One para.\n\n```\ncode\n\nstill code\n```\n\n- item\n\n  more of the item\n\nLast.'
    const blocks = await page.evaluate(
      (s) => (globalThis as unknown as { SightlineMarkdown: { splitMarkdownBlocks(s: string): string[] } }).SightlineMarkdown.splitMarkdownBlocks(s),
      source,
    )
    expect(blocks).toEqual(['One para.', '```\ncode\n\nstill code\n```', '- item\n\n  more of the item', 'Last.'])
  })

  it('shows task lists as marks, not as form controls', async () => {
    const out = await render('- [x] done\n- [ ] to do')
    expect(out.tags).not.toContain('input')
    expect(out.text).toContain('☑ done')
    expect(out.text).toContain('☐ to do')
  })
})
