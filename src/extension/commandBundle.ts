/**
 * The commands that make and edit images, pick a model and hold the key: their own bundle, dist/commands.js,
 * required on the first command that needs it (commandsLoader.ts), so activation carries only their registrations.
 * The prompt box, the model picker, the image job and the link placement come with them.
 */
export { clearApiKey, setApiKey } from './commands/apiKey';
export { editImage } from './commands/editImage';
export { generateImage } from './commands/generateImage';
export { selectModel } from './commands/selectModel';
