import { Marked } from 'marked'
import DOMPurify from 'dompurify'

/**
 * Model text as markdown, made safe: `marked` renders it, raw HTML in the model's text is shown as
 * text rather than parsed, and DOMPurify keeps only formatting tags and https/mailto links.
 * Links never navigate this window: the component showing the HTML cancels every click on one
 * (and, once the contract has an `openExternal`, will ask main to open https links in the OS).
 */

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c)

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // The model's raw HTML is content to read, not markup to run.
    html: ({ text }) => escapeHtml(text),
    // Images would be fetched from wherever the model points; show the alt text and the address.
    image: ({ href, text }) => escapeHtml(text ? `${text} (${href})` : href),
    // Task-list boxes as characters: a form control in a transcript would only invite clicks.
    checkbox: ({ checked }) => (checked ? '☑ ' : '☐ '),
  },
})

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]
const ALLOWED_ATTR = ['href', 'title', 'align', 'start']
/** Only links the OS may open: https, and mail. Everything else (javascript:, data:, file:, relative) is dropped. */
const SAFE_URI = /^(?:https:|mailto:)/i

let isHookInstalled = false
function installHooks(): void {
  if (isHookInstalled) return
  isHookInstalled = true
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      node.setAttribute('rel', 'noopener noreferrer')
      const href = node.getAttribute('href')
      if (!href) return node.removeAttribute('href')
      node.setAttribute('title', href)
      const claimed = claimedHost(node.textContent ?? '')
      const actual = hostOf(href)
      // `[https://accounts.google.com/](https://evil.example)`: the words name one site, the link another.
      if (claimed !== null && claimed !== actual) node.append(` [goes to ${actual ?? href}]`)
    }
  })
}

/** The host a link's text names when the text itself looks like an address ("https://a.example/x", "www.a.example"); null otherwise. */
function claimedHost(text: string): string | null {
  const trimmed = text.trim()
  if (!/^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$/i.test(trimmed) && !/^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/:?#]\S*)?$/i.test(trimmed)) return null
  return hostOf(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`)
}

function hostOf(href: string): string | null {
  try {
    return new URL(href).hostname.toLowerCase() || null
  } catch {
    return null
  }
}

/**
 * Longest source rendered as markdown. Longer text (a runaway answer, a 9 MB nested list) is
 * shown as escaped text, which costs the page nothing like a parse and a sanitise would.
 */
export const MAX_MARKDOWN_CHARS = 200_000

/**
 * Renders model text (markdown) to sanitized HTML, safe for `v-html`. When the parser or the
 * sanitiser throws (`'>'.repeat(5000)` exhausts marked's stack), or the text is too long to
 * parse, the text is shown escaped instead of not at all.
 */
export function renderMarkdown(source: string): string {
  if (source.length > MAX_MARKDOWN_CHARS) return escapedText(source)
  try {
    installHooks()
    const html = marked.parse(source, { async: false })
    return DOMPurify.sanitize(html, {
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOWED_URI_REGEXP: SAFE_URI,
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
    })
  } catch {
    return escapedText(source)
  }
}

/** The text as it is, escaped, in a paragraph that keeps its line breaks. */
export function escapedText(source: string): string {
  return `<p class="plain">${escapeHtml(source).replace(/\n/g, '<br>')}</p>`
}

/**
 * Splits markdown into top-level blocks that render the same alone as together, so a streaming
 * answer re-renders only its last block: splits at a blank line outside a fenced code block when
 * the next line starts a new block (is not indented, so list items and indented code stay whole).
 * Joining the blocks with "\n\n" gives back the source's content.
 */
export function splitMarkdownBlocks(source: string): string[] {
  const lines = source.split('\n')
  const blocks: string[] = []
  let current: string[] = []
  let fence: string | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === null ? marker : null
    }
    const next = lines[i + 1]
    if (fence === null && line.trim() === '' && current.length > 0 && next !== undefined && next.trim() !== '' && !/^\s/.test(next)) {
      blocks.push(current.join('\n'))
      current = []
      continue
    }
    current.push(line)
  }
  if (current.length > 0) blocks.push(current.join('\n'))
  return blocks
}
