/** A file system error in the words of a message to the user: what went wrong, not the errno. */
export function describeFsError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'a folder stands where the file should go';
    case 'ENOTDIR':
      return 'a file stands where a folder should be';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'ENAMETOOLONG':
      return 'the path is too long for the file system';
    case 'ENOENT':
      return 'it is not there';
    default:
      return e.code ?? e.message;
  }
}
