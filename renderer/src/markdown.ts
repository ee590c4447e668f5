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
      if (!node.getAttribute('href')) node.removeAttribute('href')
    }
  })
}

/** Renders model text (markdown) to sanitized HTML, safe for `v-html`. */
export function renderMarkdown(source: string): string {
  installHooks()
  const html = marked.parse(source, { async: false })
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_URI,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  })
}
