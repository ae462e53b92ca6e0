/**
 * Text from outside (a proxy's error message, a prompt read back from an image file) shown in a notification.
 * Notifications turn `[text](target)` into links, including `command:` links that run commands when clicked, so such
 * text must not be able to form one. Pure, so it is unit-tested in plain Node.
 */
export function plainNotificationText(text: string, maxLength = 600): string {
  // A space between "]" and "(" is enough to stop the link syntax; the text stays readable.
  const unlinked = text.replace(/\]\s*\(/g, '] (');
  return unlinked.length > maxLength ? `${unlinked.slice(0, maxLength - 1)}…` : unlinked;
}
