import ForumIcon from '@mui/icons-material/Forum';
import { PostList } from './PostList';
import { lazyPage } from '../common/lazyPage';

const PostShow = lazyPage(() => import('./PostShow').then((m) => m.PostShow));

export default {
  list: PostList,
  show: PostShow,
  icon: ForumIcon,
  recordRepresentation: (r: { id: number; title?: string | null; body: string }) => r.title || r.body.slice(0, 40),
};
