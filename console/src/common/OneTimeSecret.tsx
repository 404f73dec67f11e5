import { useState } from 'react';
import { Alert, Box, Button, Stack } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useTranslate } from 'react-admin';

/**
 * A secret the API returns once (an API key, a webhook signing secret): shown with a copy button
 * and a reminder that it will not be shown again. The form that asked for it has cleared itself.
 */
export function OneTimeSecret({
  title,
  secret,
  testId,
  children,
  onDismiss,
}: {
  title: string;
  secret: string;
  testId: string;
  children?: React.ReactNode;
  onDismiss: () => void;
}) {
  const translate = useTranslate();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard permission (plain HTTP, an old browser): the text stays selectable.
      setCopied('failed');
    }
  };
  return (
    <Alert severity="success" sx={{ m: 2 }} onClose={onDismiss} slotProps={{ closeButton: { title: translate('app.secret.dismiss') } }}>
      <Box>{title}</Box>
      <Stack direction="row" spacing={1} sx={{ my: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Box
          component="code"
          data-testid={testId}
          sx={{ p: 0.5, bgcolor: 'background.paper', borderRadius: 0.5, wordBreak: 'break-all', userSelect: 'all' }}
        >
          {secret}
        </Box>
        <Button size="small" variant="outlined" startIcon={<ContentCopyIcon />} onClick={copy}>
          {translate('app.secret.copy')}
        </Button>
        <Box role="status" aria-live="polite" component="span">
          {copied === 'yes' ? translate('app.secret.copied') : copied === 'failed' ? translate('app.secret.copy_failed') : ''}
        </Box>
      </Stack>
      <Box>{translate('app.secret.once')}</Box>
      {children}
    </Alert>
  );
}
