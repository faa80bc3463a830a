// Tiny XML writer for the sandbox's REST-XML responses; string building keeps the hot path fast.

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c) : text;
}

/** An element whose content is already XML. */
export function xmlElement(name: string, innerXml: string): string {
  return `<${name}>${innerXml}</${name}>`;
}

/** An element holding escaped text; omitted entirely when the value is undefined. */
export function xmlText(name: string, value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
