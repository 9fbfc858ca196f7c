/** Project files for the renderer: the shared reader/writer (src/shared/projectFile.ts), one place to import it from. */
export { parseProjectFile, serializeProject, ProjectSaveError, type ParseResult } from '../../shared/projectFile';
