import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';

/** Which registered model scored a post: a link to its version's page. */
export function ModelVersionChip({ id }: { id: number | null | undefined }) {
  const translate = useTranslate();
  if (id == null) return <Chip label={translate('app.models.not_scored')} data-testid="model-version" />;
  return (
    <Chip
      component="a"
      href={`#/model-versions/${id}/show`}
      clickable
      label={translate('app.models.scored_by', { id })}
      data-testid="model-version"
    />
  );
}
