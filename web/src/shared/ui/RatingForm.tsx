// Rating a service 1–6 stars with an optional comment (a finished work order on the status page, a
// resolved helpdesk ticket): the stars, the comment, the refusal in words; once rated, the rating.
import { useState } from 'preact/hooks'
import { asApiError } from '../api/problem.js'
import { useI18n } from '../i18n/i18n.js'
import { useAction } from '../useAction.js'
import { ErrorNotice } from './ErrorNotice.js'
import { StarsField } from './StarsField.js'
import { Notice } from './Status.js'

export interface GivenRating {
  readonly stars: number
  readonly comment: string | null
}

export function RatingForm(props: {
  readonly rated: GivenRating | null
  readonly maxComment: number
  readonly send: (stars: number, comment: string | null) => Promise<unknown>
}) {
  const { t } = useI18n()
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const action = useAction()
  if (props.rated)
    return (
      <Notice kind="success">
        {t('rate.done', { stars: props.rated.stars })}
        {props.rated.comment ? ` „${props.rated.comment}”` : ''}
      </Notice>
    )
  return (
    <form
      aria-label={t('rate.title')}
      onSubmit={(e) => {
        e.preventDefault()
        setMissing(stars < 1)
        if (stars >= 1) void action.run(() => props.send(stars, comment.trim() || null))
      }}
    >
      <h3>{t('rate.title')}</h3>
      <StarsField legend={t('rate.stars')} name="stars" value={stars} onValue={setStars} />
      <div class="field">
        <label for="rating-comment">{t('rate.comment')}</label>
        <textarea
          id="rating-comment"
          rows={3}
          maxLength={props.maxComment}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      <ErrorNotice error={missing ? asApiError(new Error(t('rate.pick'))) : action.error} />
      <button type="submit" class="primary" disabled={action.busy}>
        {t('rate.send')}
      </button>
    </form>
  )
}
